package io.inbox.reliability;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A scatter chart of reply latency over time, with an outage shaded: a PNG, no library. */
final class LatencyChart {

  /** One reply: when its webhook was first sent (s) and how long until the reply was sent (ms). */
  record Point(double atSeconds, double latencyMillis) {}

  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private LatencyChart() {}

  static void write(Path file, String title, List<Point> points, double outageFrom, double outageTo)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    double maxX = Math.max(1, points.stream().mapToDouble(Point::atSeconds).max().orElse(1));
    double maxY =
        Math.max(100, points.stream().mapToDouble(Point::latencyMillis).max().orElse(100) * 1.1);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    g.setColor(new Color(255, 225, 225));
    int x0 = LEFT + (int) (plotW * outageFrom / maxX);
    int x1 = LEFT + (int) (plotW * outageTo / maxX);
    g.fillRect(x0, TOP, Math.max(1, x1 - x0), plotH);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      int y = TOP + plotH - plotH * i / 5;
      g.drawString(String.format("%.0f", maxY * i / 5), 10, y + 4);
      int x = LEFT + plotW * i / 5;
      g.drawString(String.format("%.0f", maxX * i / 5), x - 8, TOP + plotH + 18);
    }
    g.drawString("webhook sent at (s)", LEFT + plotW / 2 - 50, HEIGHT - 10);
    g.drawString("reply after (ms)", 10, TOP - 8);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT + 120, 22);
    g.setColor(new Color(30, 90, 200));
    g.setStroke(new BasicStroke(1f));
    for (Point p : points) {
      int x = LEFT + (int) (plotW * p.atSeconds() / maxX);
      int y = TOP + plotH - (int) (plotH * Math.min(p.latencyMillis(), maxY) / maxY);
      g.fillOval(x - 2, y - 2, 5, 5);
    }
    g.setColor(new Color(200, 40, 40));
    g.drawString("Postgres down", x0 + 4, TOP + 16);
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }
}
