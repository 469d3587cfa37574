package io.jenkins.plugins.awsrollout.runner;

import java.util.Set;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Makes {@code sleep 5} or {@code println x} inside a closure ({@code stage('x') { sleep 5 }}) call the Pipeline
 * function, as it does in Jenkins. Plain Groovy resolves such a call on the closure first, where Groovy's own
 * {@code Object.sleep}/{@code Object.println} win; written as {@code this.sleep 5} it goes to the script, whose
 * calls JenkinsPipelineUnit routes to the registered functions.
 */
final class ScriptCalls extends CompilationCustomizer {

    private final Set<String> functions;

    ScriptCalls(Set<String> functions) {
        super(CompilePhase.CANONICALIZATION);
        this.functions = Set.copyOf(functions);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeExpressionTransformer() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public Expression transform(Expression expression) {
                if (expression instanceof ClosureExpression closure) {
                    closure.getCode().visit(this);
                    return closure;
                }
                if (expression instanceof MethodCallExpression call && call.isImplicitThis()
                        && functions.contains(call.getMethodAsString())) {
                    MethodCallExpression onScript = new MethodCallExpression(
                            VariableExpression.THIS_EXPRESSION, call.getMethod(), transform(call.getArguments()));
                    onScript.setImplicitThis(false);
                    onScript.setSourcePosition(call);
                    return onScript;
                }
                return expression.transformExpression(this);
            }
        }.visitClass(classNode);
    }
}
