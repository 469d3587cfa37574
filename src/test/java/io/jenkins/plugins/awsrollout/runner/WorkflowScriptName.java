package io.jenkins.plugins.awsrollout.runner;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Compiles the Jenkinsfile's script class as {@code WorkflowScript}, the name Jenkins gives it, whatever the file is
 * called: Groovy would otherwise name the class after the file, and {@code rolling-deploy.Jenkinsfile} makes the
 * illegal class name {@code rolling-deploy} as soon as the script defines a method or a closure class needs it.
 * Renamed before the classes are generated, so closures ({@code WorkflowScript$_run_closure1}) follow.
 */
final class WorkflowScriptName extends CompilationCustomizer {

    static final String NAME = "WorkflowScript";

    WorkflowScriptName() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (classNode.isScript() && classNode.getOuterClass() == null) {
            classNode.setName(NAME);
        }
    }
}
