package io.jenkins.plugins.awsrollout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import org.junit.jupiter.api.Test;

/** Steps translate, the engine decides: the layering of ARCHITECTURE.md §2, enforced. */
class LayeringTest {

    /** The plugin's own classes only (scanning the SDK jars would take seconds for nothing). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Locations.ofPackage("io.jenkins.plugins.awsrollout"));

    @Test
    void engine_usesNoJenkinsTypes() {
        noClasses()
                .that().resideInAPackage("io.jenkins.plugins.awsrollout.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..",
                        "io.jenkins.plugins.awsrollout.steps..", "io.jenkins.plugins.awsrollout.builders..",
                        "io.jenkins.plugins.awsrollout.config..")
                .check(MAIN);
    }

    @Test
    void stepsAndBuilders_buildNoSdkRequests() {
        noClasses()
                .that().resideInAnyPackage("io.jenkins.plugins.awsrollout.steps..", "io.jenkins.plugins.awsrollout.builders..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon.awssdk.services..", "software.amazon.awssdk.core.pagination..")
                .check(MAIN);
    }

    @Test
    void mainCode_neverSleeps() {
        noClasses()
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
                .check(MAIN);
    }
}
