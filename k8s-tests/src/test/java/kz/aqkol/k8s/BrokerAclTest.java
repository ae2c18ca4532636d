package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An alarm speaks only for its sender: alert-service takes an alert's source from its topic
 * ({@code aqkol/v1/alerts/<service>}), so both brokers' ACLs must let each service write its own alert topic and no
 * other, and nobody else write any.
 */
class BrokerAclTest {

    private static final String ALERTS = "aqkol/v1/alerts";
    private static final String CHECKPOINTS = "aqkol/v1/audit/checkpoints";
    private static final List<String> PUBLISHERS = List.of("camera-service", "metering-service", "billing-service");

    @Test
    void mosquittoLetsEachServiceWriteOnlyItsOwnAlertTopic() throws IOException {
        Map<String, List<String>> writes = new LinkedHashMap<>();
        Map<String, List<String>> reads = new LinkedHashMap<>();
        String user = "";
        for (String line : Files.readAllLines(k8s("base/mosquitto/acl"))) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("user")) {
                user = words[1];
            } else if (words[0].equals("pattern")) {
                assertThat(words[2]).as("pattern line " + line).doesNotStartWith(ALERTS);
            } else if (words[0].equals("topic")) {
                (words[1].equals("write") ? writes : reads).computeIfAbsent(user, u -> new ArrayList<>())
                        .add(words[2]);
            }
        }

        assertThat(alertTopics(writes)).isEqualTo(ownAlertTopics());
        assertThat(reads.get("alert-service")).contains(ALERTS + "/+");
    }

    @Test
    void emqxLetsEachServiceWriteOnlyItsOwnAlertTopic() throws IOException {
        String acl = Files.readString(k8s("components/broker-emqx/acl.conf"));
        Matcher rule = Pattern.compile("\\{allow, (all|\\{username, \"([^\"]+)\"}), (publish|subscribe|all),"
                + "\\s*\\[([^]]*)]}\\.").matcher(acl);
        Map<String, List<String>> writes = new LinkedHashMap<>();
        Map<String, List<String>> reads = new LinkedHashMap<>();
        while (rule.find()) {
            String who = rule.group(2) == null ? "all" : rule.group(2);
            List<String> topics = Pattern.compile("\"([^\"]+)\"").matcher(rule.group(4)).results()
                    .map(topic -> topic.group(1)).toList();
            if (!rule.group(3).equals("subscribe")) {
                writes.computeIfAbsent(who, w -> new ArrayList<>()).addAll(topics);
            }
            if (!rule.group(3).equals("publish")) {
                reads.computeIfAbsent(who, w -> new ArrayList<>()).addAll(topics);
            }
        }

        assertThat(alertTopics(writes)).isEqualTo(ownAlertTopics());
        assertThat(reads.get("alert-service")).contains(ALERTS + "/+");
        for (String service : List.of("camera-service", "metering-service", "billing-service", "alert-service")) {
            assertThat(writes.get(service)).as(service + " signs checkpoints under its own name only")
                    .contains(CHECKPOINTS + "/" + service)
                    .filteredOn(topic -> topic.startsWith(CHECKPOINTS)).containsOnly(CHECKPOINTS + "/" + service);
            assertThat(reads.get(service)).as(service + " witnesses everybody's").contains(CHECKPOINTS + "/+");
        }
        assertThat(acl.strip()).as("everything not granted is refused").endsWith("{deny, all}.");
    }

    /** Per user, the alert topics it may write (users that may write none left out). */
    private static Map<String, List<String>> alertTopics(Map<String, List<String>> writes) {
        Map<String, List<String>> alerts = new LinkedHashMap<>();
        writes.forEach((user, topics) -> {
            List<String> own = topics.stream().filter(topic -> topic.startsWith(ALERTS) || topic.startsWith("#")
                    || topic.equals("aqkol/#") || topic.equals("aqkol/v1/#")).toList();
            if (!own.isEmpty()) {
                alerts.put(user, own);
            }
        });
        return alerts;
    }

    private static Map<String, List<String>> ownAlertTopics() {
        Map<String, List<String>> own = new LinkedHashMap<>();
        PUBLISHERS.forEach(service -> own.put(service, List.of(ALERTS + "/" + service)));
        return own;
    }

    private static Path k8s(String file) {
        return Renders.repository().resolve("k8s").resolve(file);
    }
}
