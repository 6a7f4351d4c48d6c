package dev.triage.console.traffic.rules;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The redirect action's fields. They start as the usual HTTPS redirect (same host, path and
 * query on 443, permanent); ALB's #{protocol}, #{host}, #{port}, #{path} and #{query} keep a part
 * of the request.
 */
final class RedirectForm {

    static final String PROTOCOL = "protocol";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String PATH = "path";
    static final String QUERY = "query";
    static final String STATUS = "statusCode";

    static final List<String> PROTOCOLS = List.of("HTTPS", "HTTP", "#{protocol}");
    static final List<Integer> STATUSES = List.of(301, 302);

    private final ObjectProperty<String> protocol = new SimpleObjectProperty<>("HTTPS");
    private final StringProperty host = new SimpleStringProperty("#{host}");
    private final StringProperty port = new SimpleStringProperty("443");
    private final StringProperty path = new SimpleStringProperty("/#{path}");
    private final StringProperty query = new SimpleStringProperty("#{query}");
    private final ObjectProperty<Integer> status = new SimpleObjectProperty<>(301);
    private final FieldProblems problems = new FieldProblems(PROTOCOL, HOST, PORT, PATH, QUERY, STATUS);
    private final Protocol listenerProtocol;

    /** A form for a rule of a {@code listenerProtocol} listener (ALB redirects HTTPS only to HTTPS). */
    RedirectForm(Protocol listenerProtocol) {
        this.listenerProtocol = requireNonNull(listenerProtocol, "listenerProtocol");
    }

    void load(Redirect action) {
        protocol.set(action.protocol());
        host.set(action.host());
        port.set(action.port());
        path.set(action.path());
        query.set(action.query());
        status.set(action.statusCode());
    }

    void onEdit(Runnable edited) {
        for (javafx.beans.value.ObservableValue<?> property : List.of(protocol, host, port, path, query, status)) {
            property.addListener((obs, was, now) -> edited.run());
        }
    }

    Optional<Redirect> build() {
        try {
            Redirect action = new Redirect(
                    protocol.get(),
                    blankAsNull(host.get()),
                    blankAsNull(port.get()),
                    blankAsNull(path.get()),
                    query.get() == null ? "" : query.get().strip(),
                    status.get() == null ? 0 : status.get());
            if (listenerProtocol == Protocol.HTTPS && action.protocol().equals("HTTP")) {
                problems.show(List.of(PROTOCOL + ": 'HTTP' (expected: HTTPS or #{protocol} on an HTTPS listener;"
                        + " ALB does not redirect HTTPS to HTTP)"));
                return Optional.empty();
            }
            problems.clear();
            return Optional.of(action);
        } catch (CoreException.Invalid e) {
            problems.show(e.problems());
            return Optional.empty();
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    ObjectProperty<String> protocolProperty() {
        return protocol;
    }

    StringProperty hostProperty() {
        return host;
    }

    StringProperty portProperty() {
        return port;
    }

    StringProperty pathProperty() {
        return path;
    }

    StringProperty queryProperty() {
        return query;
    }

    ObjectProperty<Integer> statusProperty() {
        return status;
    }

    FieldProblems problems() {
        return problems;
    }
}
