package kz.aqkol.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
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

    /**
     * How long the public pages reuse what the services published (status, tariffs, zone consumption, checkpoints)
     * before asking again: the same for every visitor, so a busy page is no load on the services.
     */
    @WithDefault("1m")
    Duration publicFresh();
}
