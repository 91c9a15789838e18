/** HTTP concerns shared by every module: the error body, error mapping, JSON field access. */
@NullMarked
package one.knoq.web;

import org.jspecify.annotations.NullMarked;
