package kz.aqkol.portal;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;

/** The portal's own settings ({@code aqkol.portal.*}). */
@ConfigMapping(prefix = "aqkol.portal")
public interface PortalConfig {

    /** The village's time zone: every date and time is shown in it. */
    ZoneId timeZone();

    /**
     * Where people reach the portal, when that is not what its own requests show (behind an ingress that does not
     * forward the host): the payment provider sends the payer back there.
     */
    Optional<URI> publicUrl();
}
