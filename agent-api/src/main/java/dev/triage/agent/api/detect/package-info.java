/** Attack signatures shared by the agents' detectors and core's access-log detectors. */
package dev.triage.agent.api.detect;
