/**
 * Reads the files out of a model's answer: a {@code {"files":[...]}} JSON object, or markdown with fenced code
 * blocks named by a heading, a label, a path comment or, for Java, by their package and public type.
 *
 * <p>Example:
 * <pre>{@code
 * ParsedAnswer parsed = new AnswerParser().parse(chatResponse.aiMessage().text());
 * parsed.files().forEach(f -> System.out.println(f.path() + " " + f.role()));
 * }</pre>
 */
@NullMarked
package io.qlp.core.answer;

import org.jspecify.annotations.NullMarked;
