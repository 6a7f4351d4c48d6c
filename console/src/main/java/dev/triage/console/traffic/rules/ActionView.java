package dev.triage.console.traffic.rules;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The form's action: forward, redirect or fixed-response, and the chosen one's fields. */
final class ActionView {

    private ActionView() {}

    static Node create(ActionForm action) {
        ToggleGroup choice = new ToggleGroup();
        HBox types = new HBox(12, new Label("Then"));
        VBox forward = forward(action.forward());
        VBox redirect = redirect(action.redirect());
        TextArea body = new TextArea();
        VBox fixed = fixed(action.fixed(), body);
        for (ActionForm.Type type : ActionForm.Type.values()) {
            RadioButton button = new RadioButton(type.toString());
            button.setId("action-" + type);
            button.setToggleGroup(choice);
            button.setUserData(type);
            button.setSelected(action.typeProperty().get() == type);
            types.getChildren().add(button);
        }
        choice.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                action.typeProperty().set((ActionForm.Type) now.getUserData());
            }
        });
        showWhen(forward, action, ActionForm.Type.FORWARD);
        showWhen(redirect, action, ActionForm.Type.REDIRECT);
        showWhen(fixed, action, ActionForm.Type.FIXED_RESPONSE);
        fixed.visibleProperty().addListener((obs, was, now) -> {
            if (now) {
                body.requestFocus();
            }
        });
        return new VBox(8, types, forward, redirect, fixed);
    }

    private static void showWhen(Node pane, ActionForm action, ActionForm.Type type) {
        pane.visibleProperty().bind(action.typeProperty().isEqualTo(type));
        pane.managedProperty().bind(pane.visibleProperty());
    }

    private static VBox forward(ForwardForm form) {
        VBox box = new VBox(4, new Label("Weights (0..999; blank leaves a target group out)"));
        for (ForwardForm.GroupWeight group : form.groups()) {
            String name = group.group().name();
            box.getChildren()
                    .add(Fields.labelled(
                            name,
                            Fields.text("weight-" + name, group.weightProperty(), 5),
                            Fields.problem("weightProblem-" + name, group.problemProperty())));
        }
        if (form.groups().isEmpty()) {
            box.getChildren().add(new Label("This load balancer has no target groups to forward to."));
        }
        TextField sticky = Fields.text("stickiness", form.stickinessProperty(), 7);
        sticky.setPromptText("off");
        box.getChildren()
                .addAll(
                        Fields.labelled(
                                "Stickiness (s)",
                                sticky,
                                Fields.problem(
                                        "stickinessProblem", form.problems().of(ForwardForm.STICKINESS))),
                        Fields.problem("forwardProblem", form.problems().of(FieldProblems.GENERAL)));
        return box;
    }

    private static VBox redirect(RedirectForm form) {
        ComboBox<String> protocol = new ComboBox<>();
        protocol.getItems().setAll(RedirectForm.PROTOCOLS);
        protocol.setId("redirectProtocol");
        protocol.valueProperty().bindBidirectional(form.protocolProperty());
        ComboBox<Integer> status = new ComboBox<>();
        status.getItems().setAll(RedirectForm.STATUSES);
        status.setId("redirectStatus");
        status.valueProperty().bindBidirectional(form.statusProperty());
        FieldProblems problems = form.problems();
        return new VBox(
                4,
                Fields.labelled(
                        "Protocol",
                        protocol,
                        Fields.problem("redirectProtocolProblem", problems.of(RedirectForm.PROTOCOL))),
                field("Host", "redirectHost", form.hostProperty(), problems, RedirectForm.HOST),
                field("Port", "redirectPort", form.portProperty(), problems, RedirectForm.PORT),
                field("Path", "redirectPath", form.pathProperty(), problems, RedirectForm.PATH),
                field("Query", "redirectQuery", form.queryProperty(), problems, RedirectForm.QUERY),
                Fields.labelled(
                        "Status", status, Fields.problem("redirectStatusProblem", problems.of(RedirectForm.STATUS))),
                new Label("#{protocol}, #{host}, #{port}, #{path} and #{query} keep that part of the request."),
                Fields.problem("redirectProblem", problems.of(FieldProblems.GENERAL)));
    }

    private static Node field(
            String caption, String id, javafx.beans.property.StringProperty value, FieldProblems problems, String key) {
        return Fields.labelled(caption, Fields.text(id, value, 24), Fields.problem(id + "Problem", problems.of(key)));
    }

    private static VBox fixed(FixedResponseForm form, TextArea body) {
        ComboBox<String> type = new ComboBox<>();
        type.getItems().setAll(FixedResponseForm.CONTENT_TYPES);
        type.setId("fixedContentType");
        type.valueProperty().bindBidirectional(form.contentTypeProperty());
        body.setId("fixedBody");
        body.setPrefRowCount(2);
        body.setPrefColumnCount(40);
        body.setPromptText("the body, at most 1024 bytes");
        body.textProperty().bindBidirectional(form.bodyProperty());
        FieldProblems problems = form.problems();
        return new VBox(
                4,
                field("Status", "fixedStatus", form.statusProperty(), problems, FixedResponseForm.STATUS),
                Fields.labelled(
                        "Content type",
                        type,
                        Fields.problem("fixedContentTypeProblem", problems.of(FixedResponseForm.CONTENT_TYPE))),
                Fields.labelled("Body", body, Fields.problem("fixedBodyProblem", problems.of(FixedResponseForm.BODY))),
                Fields.problem("fixedProblem", problems.of(FieldProblems.GENERAL)));
    }
}
