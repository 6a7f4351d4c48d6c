package dev.triage.agent.route;

import static java.util.Objects.requireNonNull;

/**
 * The target group a forward action picked for one request.
 *
 * @param targetGroup the name of the chosen target group
 * @param setCookie the value of a Set-Cookie field to add to the response when the action has group
 *     stickiness (pins the client to this group), or null
 */
public record ForwardChoice(String targetGroup, String setCookie) {

    public ForwardChoice {
        requireNonNull(targetGroup, "targetGroup");
    }

    public boolean hasCookie() {
        return setCookie != null;
    }
}
