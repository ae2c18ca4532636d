package kz.aqkol.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackPortsTest {

    @Test
    void replicaKListensAHundredTimesKMinusOneAboveItsService() {
        StackPorts ports = StackPorts.configured(3);
        for (Service service : Service.values()) {
            int first = service.port().number();
            assertThat(ports.of(service)).isEqualTo(first);
            assertThat(ports.of(new Replica(service, 2))).isEqualTo(first + 100);
            assertThat(ports.of(new Replica(service, 3))).isEqualTo(first + 200);
        }
        assertThat(ports.replicas()).isEqualTo(3);
        assertThat(ports.replicaList()).hasSize(12).first().isEqualTo(Replica.first(Service.CAMERA));
    }

    @Test
    void replicaOneKeepsTheNameAndInstanceOfASingleReplicaStack() {
        Replica first = Replica.first(Service.METERING);
        Replica second = new Replica(Service.METERING, 2);
        assertThat(first.name()).isEqualTo("metering-service");
        assertThat(first.instance()).isEqualTo("local"); // client id metering-service-local, as before replicas
        assertThat(second.name()).isEqualTo("metering-service-2");
        assertThat(second.instance()).isEqualTo("local-2");
        assertThatThrownBy(() -> new Replica(Service.METERING, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Replica(Service.METERING, Replica.MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freePortsAreAllDifferent() {
        StackPorts ports = StackPorts.free(2);
        Set<Integer> numbers = new HashSet<>();
        ports.replicaList().forEach(replica -> numbers.add(ports.of(replica)));
        assertThat(numbers).hasSize(8);
    }

    @Test
    void aTakenReplicaPortIsRefusedNamingTheVariableThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackPorts ports = withMetering(new LocalPort(taken.getLocalPort() - 100, "AQKOL_METERING_PORT"),
                    new LocalPort(taken.getLocalPort(), "AQKOL_METERING_PORT"));
            assertThatThrownBy(ports::refuseTaken).isInstanceOf(CommandFailure.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (metering-service-2")
                    .hasMessageContaining("set AQKOL_METERING_PORT to a free port");
        }
    }

    @Test
    void aPortGivenTwiceIsRefused() {
        LocalPort free = LocalPort.free();
        StackPorts ports = withMetering(free, new LocalPort(free.number(), "AQKOL_METERING_PORT"));
        assertThatThrownBy(ports::refuseTaken).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("port " + free.number() + " is both metering-service's and metering-service-2");
    }

    @Test
    void aPortTooHighForItsReplicasIsRefused() {
        assertThatThrownBy(() -> new LocalPort(65500, "AQKOL_ALERT_PORT").plus(100))
                .isInstanceOf(CommandFailure.class).hasMessageContaining("AQKOL_ALERT_PORT=65500");
    }

    /** Free ports everywhere but metering-service's two replicas. */
    private static StackPorts withMetering(LocalPort first, LocalPort second) {
        StackPorts free = StackPorts.free(2);
        Map<Service, List<LocalPort>> services = new EnumMap<>(free.services());
        services.put(Service.METERING, List.of(first, second));
        return new StackPorts(free.postgres(), free.mqtt(), free.payments(), services, free.portal());
    }
}
