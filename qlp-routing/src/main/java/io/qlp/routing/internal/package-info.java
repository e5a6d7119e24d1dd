/**
 * Implementation details of the complexity router: the precompiled keyword and component patterns and the weighted
 * score. Not a public API; use {@link io.qlp.routing.ComplexityRouter}.
 *
 * <p>Example: {@code ComplexityScore score = new ComplexityScorer().score(request);}
 */
@NullMarked
package io.qlp.routing.internal;

import org.jspecify.annotations.NullMarked;
