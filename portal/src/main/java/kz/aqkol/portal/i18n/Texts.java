package kz.aqkol.portal.i18n;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every text the portal shows, per language, from {@code messages/<code>.properties} (UTF-8). A key missing in a
 * language is a build failure (TextsTest), never a blank on a page; should one slip through anyway, the page shows
 * the key itself rather than another language's text.
 */
public final class Texts {

    private static final Texts BUNDLED = load();

    private final Map<Language, Properties> byLanguage;

    private Texts(Map<Language, Properties> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The texts shipped with the portal. */
    public static Texts bundled() {
        return BUNDLED;
    }

    public String get(Language language, String key, Object... arguments) {
        String text = byLanguage.get(language).getProperty(key);
        if (text == null) {
            return key;
        }
        return arguments.length == 0 ? text : new MessageFormat(text, language.locale()).format(arguments);
    }

    /** The keys of one language, for checking that the three are complete. */
    public Set<String> keys(Language language) {
        return byLanguage.get(language).stringPropertyNames();
    }

    private static Texts load() {
        Map<Language, Properties> byLanguage = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String resource = "messages/" + language.code() + ".properties";
            try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                Properties properties = new Properties();
                properties.load(new InputStreamReader(in, UTF_8));
                byLanguage.put(language, properties);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new Texts(byLanguage);
    }
}
