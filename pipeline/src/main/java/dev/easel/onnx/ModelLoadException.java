package dev.easel.onnx;

/** A model file that could not be opened: missing, not ONNX, or refused by ONNX Runtime. */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelLoadException(String message) {
        super(message);
    }
}
