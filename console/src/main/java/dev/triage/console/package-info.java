/** The JavaFX control room. Filled by a later issue. */
package dev.triage.console;
