package dev.triage.agent.route;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.util.List;

/** A rule's action compiled for the hot path: switch over the three kinds. */
public sealed interface RouteAction {

    /** Forward to one of the action's weighted target groups. */
    record Forward(WeightedGroups groups) implements RouteAction {
        public Forward {
            requireNonNull(groups, "groups");
        }

        /** A weighted choice, or the group a valid sticky cookie pins; never a group of weight 0. */
        public ForwardChoice choose(ProxyRequest request) {
            return groups.choose(request);
        }

        /** The action's target group names, in config order. */
        public List<String> targetGroups() {
            return groups.names();
        }

        @Override
        public String toString() {
            return groups.toString();
        }
    }

    /** Answer with a 301/302 whose Location is built from the request. */
    record Redirect(LocationTemplate location) implements RouteAction {
        public Redirect {
            requireNonNull(location, "location");
        }

        /** The redirect for this request (400 when the template needs a Host the request lacks). */
        public ProxyResponse respond(ProxyRequest request) {
            return location.respond(request);
        }

        public int statusCode() {
            return location.statusCode();
        }

        @Override
        public String toString() {
            return "redirect " + location;
        }
    }

    /** Answer with a ready response (shared: never mutate its body). */
    record Fixed(ProxyResponse response) implements RouteAction {
        public Fixed {
            requireNonNull(response, "response");
        }

        @Override
        public String toString() {
            return "fixed " + response.status();
        }
    }
}
