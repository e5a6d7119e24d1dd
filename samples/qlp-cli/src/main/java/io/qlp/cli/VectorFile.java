package io.qlp.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file of float vectors for the memory bench: count and dimension as ints, then the floats, big-endian. Written to
 * a temporary file and moved into place, so an interrupted run leaves no half file.
 *
 * <p>Example: {@code VectorFile.write(path, vectors); float[][] again = VectorFile.read(path);}
 */
final class VectorFile {

    private VectorFile() {
    }

    static void write(Path file, float[][] vectors) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        int dim = vectors.length == 0 ? 0 : vectors[0].length;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
            out.writeInt(vectors.length);
            out.writeInt(dim);
            for (float[] vector : vectors) {
                if (vector.length != dim) {
                    throw new IllegalArgumentException("vectors of dimension " + vector.length + " and " + dim);
                }
                for (float value : vector) {
                    out.writeFloat(value);
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            int dim = in.readInt();
            if (count < 0 || dim < 0 || (long) count * dim * Float.BYTES + 8 != Files.size(file)) {
                throw new IOException(file + " is not a vector file (count " + count + ", dimension " + dim + ")");
            }
            float[][] vectors = new float[count][dim];
            for (float[] vector : vectors) {
                for (int d = 0; d < dim; d++) {
                    vector[d] = in.readFloat();
                }
            }
            return vectors;
        }
    }
}
