package kz.aqkol.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.aqkol.k8s.ApiDocuments.Operation;

/**
 * The first path segments of the portal's pages ("" for its home page), read from the portal module itself, which has
 * no OpenAPI document: the {@code @Path} of its resource classes (and of their methods where the class is at "/"),
 * the paths its configuration names (the OIDC redirect and sign-out paths, the paths that need a session) and the
 * folders of its static resources. Source files that declare REST clients ({@code @RegisterRestClient}) are the
 * portal's calls to the services, not its pages, and are skipped.
 */
final class PortalPages {

    private static final Pattern PATH = Pattern.compile("@(?:jakarta\\.ws\\.rs\\.)?Path\\(\\s*(?:value\\s*=\\s*)?\"([^\"]*)\"\\s*\\)");
    /** What follows a type's annotation: more annotations, modifiers, then the kind of type. */
    private static final Pattern TYPE_FOLLOWS = Pattern.compile("(?:\\s*@[\\w.]+(?:\\s*\\([^)]*\\))?)*\\s*"
            + "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record)\\b");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)^\\s*//.*$");
    private static final List<String> CONFIGURED_PATHS = List.of(
            "quarkus.oidc.authentication.redirect-path", "quarkus.oidc.logout.path");

    private PortalPages() {
    }

    /** The repository's portal. */
    static SortedSet<String> firstSegments() {
        return firstSegments(Renders.repository().resolve("portal"));
    }

    static SortedSet<String> firstSegments(Path module) {
        SortedSet<String> firsts = new TreeSet<>();
        try {
            try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                    resourcePaths(Files.readString(source)).forEach(path -> firsts.add(first(path)));
                }
            }
            Properties config = new Properties();
            try (Reader in = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"),
                    StandardCharsets.UTF_8)) {
                config.load(in);
            }
            for (String key : config.stringPropertyNames()) {
                boolean sessionPaths = key.startsWith("quarkus.http.auth.permission.") && key.endsWith(".paths");
                if (sessionPaths || CONFIGURED_PATHS.contains(key)) {
                    for (String path : config.getProperty(key).split(",")) {
                        firsts.add(first(path.trim()));
                    }
                }
            }
            Path statics = module.resolve("src/main/resources/META-INF/resources");
            if (Files.isDirectory(statics)) {
                try (Stream<Path> entries = Files.list(statics)) {
                    entries.forEach(entry -> firsts.add(entry.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return firsts;
    }

    /** The paths one source file serves: each resource class's path, joined with its methods' paths. */
    static List<String> resourcePaths(String source) {
        String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(source).replaceAll(" ")).replaceAll("");
        if (code.contains("@RegisterRestClient")) {
            return List.of();
        }
        List<String> paths = new java.util.ArrayList<>();
        String type = null;
        Matcher path = PATH.matcher(code);
        while (path.find()) {
            Matcher follows = TYPE_FOLLOWS.matcher(code).region(path.end(), code.length());
            if (follows.lookingAt()) {
                type = path.group(1);
                paths.add(type);
            } else if (type != null) {
                paths.add(type.replaceFirst("/+$", "") + "/" + path.group(1).replaceFirst("^/+", ""));
            }
        }
        return paths;
    }

    /** "" for "/", else the first segment ("/me/*" is "me"). */
    private static String first(String path) {
        List<String> segments = Operation.segments(path);
        return segments.isEmpty() ? "" : segments.get(0);
    }
}
