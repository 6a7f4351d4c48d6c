package dev.triage.core.domain;

/** A listener's or target group's protocol, as an Application Load Balancer knows them. */
public enum Protocol {
    HTTP,
    HTTPS
}
