package kz.aqkol.platform;

import io.smallrye.config.ConfigMapping;

/** Which service this is: names its dead-letter topic, its MQTT client and share group, and its metrics. */
@ConfigMapping(prefix = "aqkol.service")
public interface ServiceInfo {

    /** e.g. metering-service. */
    String name();
}
