/**
 * Man pages (troff, {@code man -l}) generated from the picocli command model at build time, so
 * they say exactly what {@code --help} says. Run by the cli module's build ({@code prepare-package});
 * depends only on picocli and the command classes.
 */
package dev.vigil.cli.manpage;
