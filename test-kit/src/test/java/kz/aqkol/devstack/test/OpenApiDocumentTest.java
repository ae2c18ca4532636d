package kz.aqkol.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void documentsThatDifferOnlyInKeyOrderAreTheSame() throws IOException {
        JsonNode committed = JSON.readTree("""
                {"openapi":"3.1.0","paths":{"/a":{"get":{}},"/b":{"post":{}}}}""");
        JsonNode served = JSON.readTree("""
                {"paths":{"/b":{"post":{}},"/a":{"get":{}}},"openapi":"3.1.0"}""");
        assertThat(OpenApiDocument.differences(committed, served)).isEmpty();
    }

    @Test
    void eachDifferenceIsNamedByItsPlace() throws IOException {
        JsonNode committed = JSON.readTree("""
                {"info":{"version":"1"},"paths":{"/a":{"get":{"tags":["A"]}},"/gone":{"get":{}}}}""");
        JsonNode served = JSON.readTree("""
                {"info":{"version":"2"},"paths":{"/a":{"get":{"tags":["A","B"]},"post":{}},"/b/{id}":{"get":{}}}}""");
        assertThat(OpenApiDocument.differences(committed, served)).containsExactly(
                "/info/version: committed \"1\", served \"2\"",
                "/paths/~1a/get/tags: 1 items committed, 2 served",
                "/paths/~1a/post: served, not in the committed document",
                "/paths/~1b~1{id}: served, not in the committed document",
                "/paths/~1gone: in the committed document, not served");
    }

    @Test
    void theCommittedYamlReadsBackAsExactlyTheServedDocument() throws IOException {
        // Quarkus' own YAML writes this example unquoted, and a YAML 1.1 reader takes it for a number
        JsonNode served = JSON.readTree("""
                {"openapi":"3.1.0","info":{"version":"1"},"components":{"schemas":{"LocalTime":{"type":"string",
                "examples":["13:45:30.123456789"]},"Flag":{"enum":["yes","no","on","null","0x1F"]}}},
                "paths":{"/a":{"get":{"responses":{"200":{"description":"OK"}}}}}}""");
        String yaml = OpenApiDocument.toYaml(served);
        assertThat(OpenApiDocument.differences(OpenApiDocument.readYaml(yaml), served)).isEmpty();
        assertThat(yaml).doesNotStartWith("---").contains("openapi: \"3.1.0\"");
    }
}
