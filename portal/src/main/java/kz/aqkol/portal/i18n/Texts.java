package kz.aqkol.portal.i18n;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every text the portal shows, per language, from {@code messages/<area>.<code>.properties} (UTF-8): one file per
 * area of pages ({@link #AREAS}), so that each keeps its own texts; a key is unique across areas. A key missing in a
 * language is a build failure (TextsTest), never a blank on a page; should one slip through anyway, the page shows
 * the key itself rather than another language's text.
 */
public final class Texts {

    /** The portal's areas: what every page shares with the public pages, the resident's pages, the console. */
    static final List<String> AREAS = List.of("portal", "me", "console");

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
            Properties all = new Properties();
            for (String area : AREAS) {
                Properties texts = read("messages/" + area + "." + language.code() + ".properties");
                for (String key : texts.stringPropertyNames()) {
                    if (all.containsKey(key)) {
                        throw new IllegalStateException("text " + key + " is in two areas");
                    }
                    all.setProperty(key, texts.getProperty(key));
                }
            }
            byLanguage.put(language, all);
        }
        return new Texts(byLanguage);
    }

    private static Properties read(String resource) {
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
