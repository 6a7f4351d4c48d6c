import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the console's icon (the same shapes as triage.svg: a dark rounded square with a pulse line)
 * and writes triage.png (256 px, Linux), triage.ico (Windows) and triage.icns (macOS), both of which
 * embed PNGs. Run once by hand when the design changes; the outputs are committed:
 * {@code java packaging/src/console/icon/MakeIcons.java packaging/src/console/icon}
 */
public final class MakeIcons {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        byte[] png256 = png(256);
        Files.write(out.resolve("triage.png"), png256);
        Files.write(out.resolve("triage.ico"), ico(new int[] {16, 32, 48, 256}));
        Files.write(out.resolve("triage.icns"), icns());
    }

    static byte[] png(int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.setColor(new Color(0x1f2937));
        g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
        g.setColor(new Color(0x22c55e));
        g.setStroke(new BasicStroke((float) (16 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D pulse = new Path2D.Double();
        double[][] points = {{36, 140}, {84, 140}, {104, 92}, {132, 188}, {156, 68}, {176, 140}, {220, 140}};
        pulse.moveTo(points[0][0] * s, points[0][1] * s);
        for (int i = 1; i < points.length; i++) {
            pulse.lineTo(points[i][0] * s, points[i][1] * s);
        }
        g.draw(pulse);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** An ICO file whose images are PNGs (Windows Vista and later read these). */
    static byte[] ico(int[] sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        int total = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
            total += images[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            buffer.put((byte) (sizes[i] >= 256 ? 0 : sizes[i])).put((byte) (sizes[i] >= 256 ? 0 : sizes[i]));
            buffer.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            buffer.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            buffer.put(image);
        }
        return buffer.array();
    }

    /** An ICNS file with PNG entries: ic07 (128), ic08 (256), ic09 (512), ic10 (1024). */
    static byte[] icns() throws IOException {
        String[] types = {"ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            body.write(types[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.write(ByteBuffer.allocate(4).putInt(image.length + 8).array());
            body.write(image);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.write(ByteBuffer.allocate(4).putInt(body.size() + 8).array());
        body.writeTo(file);
        return file.toByteArray();
    }
}
