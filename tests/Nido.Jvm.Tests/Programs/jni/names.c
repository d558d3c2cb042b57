// Native methods found by JNI's mangled names (no JNI_OnLoad here, so the library declares JNI 1.1).
#include <jni.h>
#include <stdio.h>

JNIEXPORT jstring JNICALL Java_pkg_under_1score_Natives_over__I(JNIEnv *env, jclass cls, jint x) {
    char buffer[64];
    snprintf(buffer, sizeof buffer, "over(int %d)", x);
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jstring JNICALL Java_pkg_under_1score_Natives_over__Ljava_lang_String_2_3_3I(JNIEnv *env, jclass cls, jstring s, jobjectArray grid) {
    char buffer[64];
    jintArray row = (*env)->GetObjectArrayElement(env, grid, 1);
    snprintf(buffer, sizeof buffer, "over(String, int[][] of %d rows, row 1 has %d)", (*env)->GetArrayLength(env, grid), (*env)->GetArrayLength(env, row));
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jstring JNICALL Java_pkg_under_1score_Natives_over__JD(JNIEnv *env, jclass cls, jlong x, jdouble y) {
    char buffer[64];
    snprintf(buffer, sizeof buffer, "over(long %lld, double %g)", (long long)x, y);
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jstring JNICALL Java_pkg_under_1score_Natives_caf_000e9(JNIEnv *env, jclass cls) {
    return (*env)->NewStringUTF(env, "caf\xc3\xa9 found by its _0 escape");
}

JNIEXPORT jboolean JNICALL Java_pkg_under_1score_Natives_holds(JNIEnv *env, jobject self) {
    jclass thread = (*env)->FindClass(env, "java/lang/Thread");
    jmethodID holdsLock = (*env)->GetStaticMethodID(env, thread, "holdsLock", "(Ljava/lang/Object;)Z");
    return (*env)->CallStaticBooleanMethod(env, thread, holdsLock, self);
}

JNIEXPORT jstring JNICALL Java_pkg_under_1score_Natives_00024Inner_inner_1name(JNIEnv *env, jclass cls) {
    return (*env)->NewStringUTF(env, "Natives$Inner.inner_name");
}
