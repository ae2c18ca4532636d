package kz.aqkol.k8s;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The machine's Mosquitto, run the way the rendered StatefulSet {@code mosquitto} runs it: each volume of the pod is
 * a folder (ConfigMaps and Secrets as rendered, the services' MQTT passwords and the devices' entries made here at
 * run time), the init container's script builds the password file, and the broker starts with the rendered
 * {@code mosquitto.conf}. The only changes are the ones a pod's file system and network make for it: each mount path
 * becomes its folder and each listener port a free one ({@link #toLocal}, undone by {@link #toRendered}).
 */
final class Mosquitto implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/mosquitto";
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<Path, String> brokerMounts = new LinkedHashMap<>();
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> portsByName = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Path dir;
    private Process process;

    private Mosquitto(Path dir) {
        this.dir = dir;
    }

    /** Whether the machine has Debian's mosquitto (.ci/run installs it). */
    static boolean installed() {
        return Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd"));
    }

    /**
     * Starts the broker of a rendered target, with {@code devices} (device id to password) added to the devices'
     * password file as docs/operations.md says to, and {@code extraFiles} (volume name to file name to content) in
     * the volumes k8s/ expects to exist already (the TLS certificate); {@code edit} changes a ConfigMap file before
     * the start (to run a deliberately broken fixture).
     */
    static Mosquitto start(List<HasMetadata> rendered, Map<String, String> devices,
                           Map<String, Map<String, String>> extraFiles, Map<String, UnaryOperator<String>> edit) {
        Mosquitto broker;
        try {
            broker = new Mosquitto(Files.createTempDirectory("aqkol-mosquitto"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            broker.run(rendered, devices, extraFiles, edit);
            return broker;
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            broker.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The local port of the rendered container port named {@code name} ("mqtt", "mqtt-devices"). */
    int port(String name) {
        return portsByName.get(name);
    }

    /** The password made at run time for a service account ("metering-service", "operator"). */
    String password(String account) {
        return passwords.get(account);
    }

    /** The text of a file as the broker reads it (under a mount path of the pod, e.g. /mosquitto/config/acl). */
    String fileAsStarted(String podPath) throws IOException {
        return Files.readString(Path.of(toLocal(podPath)));
    }

    /**
     * A text as the broker's container would have it: every local folder back to its mount path there, every local
     * port to its own.
     */
    String toRendered(String local) {
        String text = local;
        for (Map.Entry<Path, String> mount : brokerMounts.entrySet()) {
            text = text.replace(mount.getKey().toString(), mount.getValue());
        }
        for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
            text = text.replace("listener " + port.getValue() + "\n", "listener " + port.getKey() + "\n");
        }
        return text;
    }

    private String toLocal(String podText) {
        String text = podText;
        for (String mountPath : mounts.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            text = text.replace(mountPath, mounts.get(mountPath).toString());
        }
        for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
            text = text.replace("listener " + port.getKey() + "\n", "listener " + port.getValue() + "\n");
        }
        return text;
    }

    private void run(List<HasMetadata> rendered, Map<String, String> devices,
                     Map<String, Map<String, String>> extraFiles, Map<String, UnaryOperator<String>> edit)
            throws IOException, InterruptedException {
        StatefulSet set = rendered.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals("mosquitto")).findFirst().orElseThrow();
        Container init = set.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        Container broker = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (Container container : List.of(init, broker)) {
            for (VolumeMount mount : container.getVolumeMounts()) {
                mounts.put(mount.getMountPath(), Files.createDirectories(dir.resolve(mount.getName())));
            }
        }
        broker.getVolumeMounts().forEach(mount -> brokerMounts.put(mounts.get(mount.getMountPath()),
                mount.getMountPath()));
        for (ContainerPort port : broker.getPorts()) {
            int local = freePort();
            ports.put(port.getContainerPort(), local);
            portsByName.put(port.getName(), local);
        }
        for (Volume volume : set.getSpec().getTemplate().getSpec().getVolumes()) {
            Path folder = Files.createDirectories(dir.resolve(volume.getName()));
            fill(volume, folder, rendered, devices, edit);
            extraFiles.getOrDefault(volume.getName(), Map.of())
                    .forEach((name, content) -> write(folder.resolve(name), content));
        }
        openToTheBrokersUser();

        ProcessBuilder script = new ProcessBuilder(init.getCommand().stream().map(this::toLocal).toList())
                .redirectErrorStream(true).redirectOutput(dir.resolve("init.log").toFile());
        init.getEnv().forEach(env -> script.environment().put(env.getName(), toLocal(env.getValue())));
        if (script.start().waitFor() != 0) {
            throw new IllegalStateException(
                    "the password file script failed: " + Files.readString(dir.resolve("init.log")));
        }
        openToTheBrokersUser();

        List<String> command = new ArrayList<>(broker.getCommand().stream().map(this::toLocal).toList());
        command.set(0, BINARY);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        awaitListeners();
    }

    private void fill(Volume volume, Path folder, List<HasMetadata> rendered, Map<String, String> devices,
                      Map<String, UnaryOperator<String>> edit) throws IOException, InterruptedException {
        if (volume.getConfigMap() != null) {
            ConfigMap map = named(rendered, ConfigMap.class, volume.getConfigMap().getName());
            for (Map.Entry<String, String> file : map.getData().entrySet()) {
                String content = edit.getOrDefault(file.getKey(), UnaryOperator.identity()).apply(file.getValue());
                write(folder.resolve(file.getKey()), toLocal(content));
            }
        } else if (volume.getSecret() != null && volume.getSecret().getSecretName().startsWith("mosquitto-devices")) {
            Secret secret = named(rendered, Secret.class, volume.getSecret().getSecretName());
            StringBuilder file = new StringBuilder(decode(secret.getData().get("passwd")));
            for (Map.Entry<String, String> device : devices.entrySet()) {
                // as the file's own comment says: a fresh entry in a scratch file, then appended
                Path scratch = dir.resolve("device.passwd");
                exec("mosquitto_passwd", "-c", "-b", scratch.toString(), device.getKey(), device.getValue());
                file.append(Files.readString(scratch));
                Files.delete(scratch);
            }
            write(folder.resolve("passwd"), file.toString());
        } else if (volume.getProjected() != null) {
            for (VolumeProjection source : volume.getProjected().getSources()) {
                Secret secret = named(rendered, Secret.class, source.getSecret().getName());
                for (KeyToPath item : source.getSecret().getItems()) {
                    String account = Path.of(item.getPath()).getParent().toString();
                    String value = item.getKey().equals("password")
                            ? passwords.computeIfAbsent(account, a -> randomPassword())
                            : decode(secret.getData().get(item.getKey()));
                    write(folder.resolve(item.getPath()), value);
                }
            }
        }
    }

    /** Started as root, Mosquitto drops to the user mosquitto; in the pod one user owns everything. */
    private void openToTheBrokersUser() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                path.toFile().setReadable(true, false);
                if (Files.isDirectory(path)) {
                    path.toFile().setExecutable(true, false);
                    path.toFile().setWritable(true, false);
                }
            }
        }
    }

    private void awaitListeners() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        for (int port : ports.values()) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Mosquitto did not start: " + log());
                }
                Thread.sleep(50);
            }
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.log"));
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends HasMetadata> T named(List<HasMetadata> rendered, Class<T> type, String name) {
        return rendered.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered"));
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + output);
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), UTF_8);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
