/**
 * What a running agent reports about itself: plain records, serialised with Jackson for the admin API
 * and read by the console and the lab. Durations are milliseconds as doubles; counts are since start.
 */
package dev.triage.agent.api.stats;
