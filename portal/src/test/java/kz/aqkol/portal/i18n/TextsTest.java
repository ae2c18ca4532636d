package kz.aqkol.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TextsTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    // v.t('key' ...) and v.label('kind', value): the second needs every key with that prefix
    private static final Pattern TEXT = Pattern.compile("v\\.t\\('([^']+)'");
    private static final Pattern LABEL = Pattern.compile("v\\.label\\('([^']+)'");

    @Test
    void everyLanguageHasEveryKey() {
        Texts texts = Texts.bundled();
        Set<String> english = texts.keys(Language.EN);
        assertThat(english).isNotEmpty();
        for (Language language : Language.values()) {
            assertThat(texts.keys(language)).as("keys of %s", language).containsExactlyInAnyOrderElementsOf(english);
        }
    }

    @Test
    void noTextIsLeftInAnotherLanguage() {
        Texts texts = Texts.bundled();
        for (String key : texts.keys(Language.EN)) {
            String kk = texts.get(Language.KK, key);
            String ru = texts.get(Language.RU, key);
            assertThat(kk).as("kk %s", key).isNotBlank();
            assertThat(ru).as("ru %s", key).isNotBlank();
        }
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> keys = Texts.bundled().keys(Language.EN);
        Set<String> missing = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String template = Files.readString(file);
                Matcher text = TEXT.matcher(template);
                while (text.find()) {
                    if (!keys.contains(text.group(1))) {
                        missing.add(file.getFileName() + ": " + text.group(1));
                    }
                }
                Matcher label = LABEL.matcher(template);
                while (label.find()) {
                    prefixes.add(label.group(1));
                }
            }
        }
        assertThat(missing).as("keys used by templates but in no bundle").isEmpty();
        for (String prefix : prefixes) {
            assertThat(keys).as("labels of %s", prefix).anyMatch(key -> key.startsWith(prefix + "."));
        }
    }

    @Test
    void argumentsAreFormattedForTheLanguage() {
        assertThat(Texts.bundled().get(Language.EN, "error.reference", "ab12")).endsWith("ab12");
        assertThat(Texts.bundled().get(Language.KK, "no.such.key")).isEqualTo("no.such.key");
    }
}
