package kz.aqkol.devstack.test.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core ({@code axe.min.js} from the class path) run on the document a browser shows, with all its rules. Only
 * violations come back; what axe could not decide ("incomplete") is left to a person.
 */
final class Axe {

    private static final String SCRIPT = read("axe.min.js");

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
                .then(results => done(results.violations.map(v => ({
                    id: v.id, impact: v.impact || 'unknown', help: v.help, helpUrl: v.helpUrl,
                    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' '))
                }))))
                .catch(e => done('axe failed: ' + e));
            """;

    private Axe() {
    }

    static List<AxeViolation> run(JavascriptExecutor page) {
        page.executeScript(SCRIPT);
        Object result = page.executeAsyncScript(RUN);
        if (!(result instanceof List<?> violations)) {
            throw new IllegalStateException(String.valueOf(result));
        }
        return violations.stream().map(v -> (Map<?, ?>) v).map(v -> new AxeViolation((String) v.get("id"),
                (String) v.get("impact"), (String) v.get("help"), (String) v.get("helpUrl"),
                ((List<?>) v.get("targets")).stream().map(String::valueOf).toList())).toList();
    }

    /** Fails, naming each of them, when any of {@code violations} on {@code page} is serious or critical. */
    static void assertNoneSerious(String page, List<AxeViolation> violations) {
        List<AxeViolation> serious = violations.stream().filter(AxeViolation::seriousOrWorse).toList();
        if (!serious.isEmpty()) {
            throw new AssertionError(serious.stream().map(v -> "  " + v).collect(Collectors.joining("\n",
                    "axe-core finds " + serious.size() + " serious or critical violation(s) on " + page + ":\n",
                    "")));
        }
    }

    private static String read(String resource) {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: the module's pom needs "
                        + "com.deque.html.axe-core:selenium (see test-kit's pom)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
