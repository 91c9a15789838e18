/**
 * The operator API (spec 8): whoever runs the deployment creates organisations and overrides their
 * plans and allowances, authenticated by the {@code KNOQ_OPERATOR_TOKEN} bearer token. It has no
 * public Java API.
 */
@NullMarked
package one.knoq.operator;

import org.jspecify.annotations.NullMarked;
