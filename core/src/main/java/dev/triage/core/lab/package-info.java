/**
 * The lab adapter: the lab's edge agent as a load balancer behind core's ports. The entry point is
 * {@link dev.triage.core.lab.LabLoadBalancers}, built from the file {@code triage-lab up --describe}
 * writes ({@link dev.triage.core.lab.LabDescription}).
 */
package dev.triage.core.lab;
