package dev.triage.core.domain;

/**
 * What a rule does with a matching request: forward, redirect or fixed-response, the three
 * actions that end a rule on an Application Load Balancer.
 */
public sealed interface Action permits Forward, Redirect, FixedResponse {

    /** The type as ELBv2 spells it: forward, redirect, fixed-response. */
    String type();

    /** A one-line description such as {@code forward to legacy 90, replacement 10}. */
    String describe();
}
