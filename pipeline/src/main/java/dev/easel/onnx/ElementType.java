package dev.easel.onnx;

import ai.onnxruntime.TensorInfo;

/** Element types a model input or output may declare; everything is fp32 on Easel's side. */
public enum ElementType {
    FLOAT, FLOAT16, DOUBLE, INT32, INT64, INT8, UINT8, BOOL, OTHER;

    static ElementType of(TensorInfo.OnnxTensorType t) {
        return switch (t) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> FLOAT;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DOUBLE;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> BOOL;
            default -> OTHER;
        };
    }

    /** The name ONNX uses in error messages and model viewers ({@code tensor(float16)}). */
    public String onnxName() {
        return "tensor(" + switch (this) {
            case FLOAT -> "float";
            case FLOAT16 -> "float16";
            case DOUBLE -> "double";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case BOOL -> "bool";
            case OTHER -> "other";
        } + ")";
    }
}
