package dev.easel.imagej.command;

import java.awt.Button;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Label;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;

import dev.easel.imagej.bridge.JobListener;
import dev.easel.imagej.bridge.JobStatus;
import ij.IJ;
import ij.macro.Interpreter;

/**
 * A small window with a Cancel button while a job runs, for users who do not know about Esc. Never shown
 * headless or in a batch-mode macro.
 */
final class CancelWindow implements JobListener {

    private volatile boolean pressed;
    private final String what;
    private Dialog dialog;
    private Label label;

    private CancelWindow(String what) {
        this.what = what;
    }

    /** A window on screen, or an inert one when nobody could click it. */
    static CancelWindow open(String what) {
        CancelWindow w = new CancelWindow(what);
        if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode() && IJ.getInstance() != null) {
            w.show();
        }
        return w;
    }

    private void show() {
        Frame owner = IJ.getInstance();
        dialog = new Dialog(owner, "Easel", false);
        dialog.setLayout(new FlowLayout());
        label = new Label("Easel: " + what + "...              ");
        Button cancel = new Button("Cancel");
        cancel.addActionListener(e -> pressed = true);
        dialog.add(label);
        dialog.add(cancel);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                pressed = true;
            }
        });
        dialog.pack();
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
    }

    boolean pressed() {
        return pressed;
    }

    @Override
    public void progress(JobStatus status) {
        if (label != null) {
            label.setText(ImageJProgress.describe(what, status).replace(" (Esc cancels)", ""));
        }
    }

    @Override
    public void finished() {
        if (dialog != null) {
            dialog.dispose();
            dialog = null;
        }
    }
}
