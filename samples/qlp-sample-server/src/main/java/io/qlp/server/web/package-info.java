/**
 * The REST controllers under {@code /v1} and the one error format {@code {error:{code,message,details,request_id}}}.
 *
 * <p>Example: {@code curl -H 'X-API-Key: KEY' http://127.0.0.1:8080/v1/capsules}
 */
@NullMarked
package io.qlp.server.web;

import org.jspecify.annotations.NullMarked;
