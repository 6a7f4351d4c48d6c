/**
 * The {@code triage} command: {@link dev.triage.console.TriageMain} opens the JavaFX console
 * ({@code app}, one package per screen: {@code overview}, {@code traffic}; shared plumbing in
 * {@code fx}; what a window acts on in {@code connection}) or runs the command line ({@code cli}).
 */
package dev.triage.console;
