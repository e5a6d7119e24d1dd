/**
 * Maven capsules' class paths: resolution of the dependencies a capsule's {@code pom.xml} declares, in the host and
 * from the local repository ({@link io.qlp.validation.internal.maven.MavenDependencyResolver}), and their copies the
 * sandbox user may read.
 *
 * <p>Example: {@code MavenClasspath classpath = MavenDependencyResolver.shared().resolve(pomXml, true);}
 */
@NullMarked
package io.qlp.validation.internal.maven;

import org.jspecify.annotations.NullMarked;
