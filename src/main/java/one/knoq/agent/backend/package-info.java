/**
 * The agent backend SPI: what the workflow runner gives a backend for one turn and what it gets back.
 * One sub-package per backend.
 */
@NullMarked
package one.knoq.agent.backend;

import org.jspecify.annotations.NullMarked;
