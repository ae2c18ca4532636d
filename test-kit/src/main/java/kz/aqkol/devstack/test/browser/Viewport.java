package kz.aqkol.devstack.test.browser;

/** The two screens a page is tried on: a desktop window, and a phone as Chromium emulates one (touch, mobile). */
public enum Viewport {

    DESKTOP(1280, 900, false),
    PHONE(360, 740, true);

    private final int width;
    private final int height;
    private final boolean mobile;

    Viewport(int width, int height, boolean mobile) {
        this.width = width;
        this.height = height;
        this.mobile = mobile;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    boolean mobile() {
        return mobile;
    }
}
