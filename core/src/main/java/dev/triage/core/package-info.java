/** Core: the domain model, ports, adapters and services shared by the console. Filled by a later issue. */
package dev.triage.core;
