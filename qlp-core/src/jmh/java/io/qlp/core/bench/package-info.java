/**
 * JMH benchmarks and measuring mains of the core, compiled only with the {@code jmh} Maven profile; see
 * {@code docs/benchmarks.md} for the commands and figures.
 *
 * <p>Example: {@code java -cp ... org.openjdk.jmh.Main PipelineOverheadBench -prof gc}
 */
@NullMarked
package io.qlp.core.bench;

import org.jspecify.annotations.NullMarked;
