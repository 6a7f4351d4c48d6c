package dev.triage.core.accesslog;

/** The fields of an ALB access log entry, in the order AWS writes them, named as the AWS documentation names them. */
enum AlbField {
    TYPE("type"),
    TIME("time"),
    ELB("elb"),
    CLIENT("client:port"),
    TARGET("target:port"),
    REQUEST_PROCESSING_TIME("request_processing_time"),
    TARGET_PROCESSING_TIME("target_processing_time"),
    RESPONSE_PROCESSING_TIME("response_processing_time"),
    ELB_STATUS_CODE("elb_status_code"),
    TARGET_STATUS_CODE("target_status_code"),
    RECEIVED_BYTES("received_bytes"),
    SENT_BYTES("sent_bytes"),
    REQUEST("request"),
    USER_AGENT("user_agent"),
    SSL_CIPHER("ssl_cipher"),
    SSL_PROTOCOL("ssl_protocol"),
    TARGET_GROUP_ARN("target_group_arn"),
    TRACE_ID("trace_id"),
    DOMAIN_NAME("domain_name"),
    CHOSEN_CERT_ARN("chosen_cert_arn"),
    MATCHED_RULE_PRIORITY("matched_rule_priority"),
    REQUEST_CREATION_TIME("request_creation_time"),
    ACTIONS_EXECUTED("actions_executed"),
    REDIRECT_URL("redirect_url"),
    ERROR_REASON("error_reason"),
    // Fields added later than the 2018 format; older lines end before them.
    TARGET_PORT_LIST("target:port_list"),
    TARGET_STATUS_CODE_LIST("target_status_code_list"),
    CLASSIFICATION("classification"),
    CLASSIFICATION_REASON("classification_reason"),
    CONN_TRACE_ID("conn_trace_id"),
    TRANSFORMED_HOST("transformed_host"),
    TRANSFORMED_URI("transformed_uri"),
    REQUEST_TRANSFORM_STATUS("request_transform_status");

    /** Every line has at least the fields up to and including error_reason. */
    static final int REQUIRED_COUNT = ERROR_REASON.ordinal() + 1;

    private static final AlbField[] ALL = values();

    private final String awsName;

    AlbField(String awsName) {
        this.awsName = awsName;
    }

    String awsName() {
        return awsName;
    }

    /** The AWS name of the field at {@code index} (0-based), or "extra field N" past the known ones. */
    static String nameAt(int index) {
        return index < ALL.length ? ALL[index].awsName : "extra field " + (index + 1);
    }

    static int knownCount() {
        return ALL.length;
    }
}
