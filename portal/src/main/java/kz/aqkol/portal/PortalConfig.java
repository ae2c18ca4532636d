package kz.aqkol.portal;

import io.smallrye.config.ConfigMapping;
import java.time.ZoneId;

/** The portal's own settings ({@code aqkol.*}). */
@ConfigMapping(prefix = "aqkol")
public interface PortalConfig {

    /** {@code production} (the default) or {@code development}: production refuses the development sign-in. */
    String deployment();

    Portal portal();

    default ZoneId timeZone() {
        return portal().timeZone();
    }

    default boolean production() {
        return !"development".equals(deployment());
    }

    interface Portal {
        /** The village's time zone: every date and time is shown in it. */
        ZoneId timeZone();
    }
}
