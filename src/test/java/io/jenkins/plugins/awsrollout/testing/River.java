package io.jenkins.plugins.awsrollout.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.MarshallerFactory;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;

/**
 * JBoss Marshalling River, the way Pipeline's {@code RiverWriter}/{@code RiverReader} persist a program
 * ({@code program.dat}): what survives Java serialization must survive this too.
 */
public final class River {

    private River() {}

    public static byte[] write(Object object) {
        MarshallerFactory factory = new RiverMarshallerFactory();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Marshaller marshaller = factory.createMarshaller(configuration());
            marshaller.start(Marshalling.createByteOutput(bytes));
            marshaller.writeObject(object);
            marshaller.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("River cannot write " + object.getClass().getName() + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> T read(byte[] bytes) {
        MarshallerFactory factory = new RiverMarshallerFactory();
        try {
            Unmarshaller unmarshaller = factory.createUnmarshaller(configuration());
            unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
            Object object = unmarshaller.readObject();
            unmarshaller.finish();
            return (T) object;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("River cannot read: " + e, e);
        }
    }

    public static <T> T roundTrip(T object) {
        return read(write(object));
    }

    private static MarshallingConfiguration configuration() {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setClassResolver(new SimpleClassResolver(River.class.getClassLoader()));
        return config;
    }
}
