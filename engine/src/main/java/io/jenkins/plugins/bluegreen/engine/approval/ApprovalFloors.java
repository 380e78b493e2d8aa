package io.jenkins.plugins.bluegreen.engine.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The administrators' approval floor per destination: who must approve a deploy there and how many
 * of them, which a pipeline cannot lower. Written as YAML:
 *
 * <pre>
 * production:
 *   approvers: [group:release-managers]
 *   required: 2
 * </pre>
 */
public final class ApprovalFloors {
    /** No destination has a floor. */
    public static final ApprovalFloors NONE = new ApprovalFloors(Map.of());

    private static final Set<String> KEYS = Set.of("approvers", "required");

    private final Map<String, Floor> byDestination;

    private ApprovalFloors(final Map<String, Floor> byDestination) {
        this.byDestination = Map.copyOf(byDestination);
    }

    /**
     * One destination's floor.
     *
     * @param approvers the approver entries ({@link ApproverName}) who alone may approve there
     * @param required how many different ones must
     */
    public record Floor(Set<String> approvers, int required) {
        public Floor {
            approvers = Set.copyOf(approvers);
        }

        /**
         * {@code step}'s policy held to this floor: the floor's approvers ({@code approverKeys}: them as
         * the host's security realm compares names), at least its number of approvals, never the
         * requester, and no approval by timeout; what the step asks beyond that (comments, tickets, a
         * timeout) stays.
         */
        public ApprovalPolicy raise(final ApprovalPolicy step, final Set<String> approverKeys) {
            return new ApprovalPolicy(approverKeys, Math.max(required, step.required()), false, step.timeout(),
                    TimeoutOutcome.REJECT, step.commentRequired(), step.ticketRequired());
        }
    }

    /** Reads the administrators' YAML; blank means no floor anywhere. {@code source} names it in messages. */
    public static ApprovalFloors parse(final String yamlText, final String source) {
        if (yamlText == null || yamlText.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yamlText);
        }
        catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": found text that is not YAML (" + e.getOriginalMessage()
                    + "), expected destinations with approvers and required");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source + ": expected a mapping of destination name to approvers and"
                    + " required, got something else");
        }
        var floors = new LinkedHashMap<String, Floor>();
        for (var entry : root.properties()) {
            floors.put(entry.getKey(), floor(entry.getValue(), source + ": " + entry.getKey()));
        }
        return new ApprovalFloors(floors);
    }

    private static Floor floor(final JsonNode node, final String where) {
        if (!node.isObject() || !KEYS.containsAll(keysOf(node))) {
            throw new InvalidInputException(where + ": expected approvers (a list of user:<id> and group:<name>)"
                    + " and required (a number)");
        }
        var names = node.get("approvers");
        if (names == null || !names.isArray() || names.isEmpty()) {
            throw new InvalidInputException(where + "/approvers: expected a list of user:<id> and group:<name>,"
                    + " e.g. [group:release-managers]");
        }
        var approvers = new LinkedHashSet<String>();
        names.forEach(name -> approvers.add(name.asText().strip()));
        var required = node.get("required");
        if (required != null && (!required.canConvertToInt() || required.asInt() < 1)) {
            throw new InvalidInputException(where + "/required: expected at least 1 approval, got " + required.asText());
        }
        return new Floor(approvers, required == null ? 1 : required.asInt());
    }

    private static Set<String> keysOf(final JsonNode node) {
        var keys = new LinkedHashSet<String>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * Refuses a deploy to {@code destinationOrNull} that has a floor unless an approval held to it
     * passed for that destination in the same build ({@code approved}: the destinations approved so far).
     */
    public void requireApproved(final String destinationOrNull, final Set<String> approved, final String step) {
        forDestination(destinationOrNull).filter(floor -> !approved.contains(destinationOrNull)).ifPresent(floor -> {
            throw new InvalidInputException("destination: '" + destinationOrNull + "' needs " + floor.required()
                    + " approval(s) from " + String.join(", ", new TreeSet<>(floor.approvers())) + " first, got none in"
                    + " this build; expected deploymentApproval destination: '" + destinationOrNull + "' before " + step);
        });
    }

    /** The floor of {@code destinationOrNull}, if the administrators set one. */
    public Optional<Floor> forDestination(final String destinationOrNull) {
        return destinationOrNull == null ? Optional.empty() : Optional.ofNullable(byDestination.get(destinationOrNull));
    }
}
