// The C side of the jni program: native methods of Main, and calls back into Java through the JNI function table.
#include <jni.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static JavaVM *the_vm;
static jobject kept_ref;
static int counter;
static char direct_memory[64];

static jint JNICALL registered_impl(JNIEnv *env, jclass cls, jint x) { return x * 3 + 1; }

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    the_vm = vm;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) return JNI_ERR;
    jclass main = (*env)->FindClass(env, "Main");
    if (main == NULL) return JNI_ERR;
    JNINativeMethod methods[] = {{"registered", "(I)I", (void *)registered_impl}};
    if ((*env)->RegisterNatives(env, main, methods, 1) != 0) return JNI_ERR;
    return JNI_VERSION_1_8;
}

JNIEXPORT jint JNICALL Java_Main_add(JNIEnv *env, jclass cls, jint a, jint b) { return a + b; }

JNIEXPORT jdouble JNICALL Java_Main_mix(JNIEnv *env, jclass cls, jboolean z, jbyte b, jchar c, jshort s, jint i,
                                        jlong j, jfloat f, jdouble d) {
    return (z ? 1000.0 : 0.0) + b + c + s + i + (double)j + f + d;
}

JNIEXPORT jfloat JNICALL Java_Main_half(JNIEnv *env, jclass cls, jfloat f) { return f / 2; }
JNIEXPORT jboolean JNICALL Java_Main_not(JNIEnv *env, jclass cls, jboolean b) { return !b; }
JNIEXPORT jchar JNICALL Java_Main_upper(JNIEnv *env, jclass cls, jchar c) { return (c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe) ? c - 32 : c; }
JNIEXPORT jbyte JNICALL Java_Main_neg(JNIEnv *env, jclass cls, jbyte b) { return (jbyte)-b; }
JNIEXPORT jshort JNICALL Java_Main_twice(JNIEnv *env, jclass cls, jshort s) { return (jshort)(s * 2); }

JNIEXPORT jlong JNICALL Java_Main_many(JNIEnv *env, jclass cls, jint a1, jlong a2, jint a3, jlong a4, jint a5, jlong a6,
                                       jint a7, jlong a8, jint a9, jlong a10) {
    return a1 + 10 * a2 + 100 * a3 + 1000 * a4 + 10000 * a5 + 100000 * a6 + 1000000 * (jlong)a7 + 10000000 * a8 +
           100000000 * (jlong)a9 + a10;
}

JNIEXPORT jdouble JNICALL Java_Main_manyDoubles(JNIEnv *env, jclass cls, jdouble d1, jfloat f2, jdouble d3, jfloat f4,
                                                jdouble d5, jfloat f6, jdouble d7, jfloat f8, jdouble d9, jfloat f10,
                                                jdouble d11, jint i12, jdouble d13, jlong l14) {
    return d1 + 2 * f2 + 3 * d3 + 4 * f4 + 5 * d5 + 6 * f6 + 7 * d7 + 8 * f8 + 9 * d9 + 10 * f10 + 11 * d11 + 12 * i12 +
           13 * d13 + 14 * l14;
}

JNIEXPORT jstring JNICALL Java_Main_greet(JNIEnv *env, jclass cls, jstring name) {
    const char *utf = (*env)->GetStringUTFChars(env, name, NULL);
    char buffer[128];
    snprintf(buffer, sizeof buffer, "hello, %s (%d chars, %d UTF bytes)", utf, (*env)->GetStringLength(env, name),
             (*env)->GetStringUTFLength(env, name));
    (*env)->ReleaseStringUTFChars(env, name, utf);
    return (*env)->NewStringUTF(env, buffer);
}

// Reverses the UTF-16 units' order (keeping surrogate pairs together) through GetStringChars/NewString.
JNIEXPORT jstring JNICALL Java_Main_roundTrip(JNIEnv *env, jclass cls, jstring s) {
    jsize n = (*env)->GetStringLength(env, s);
    const jchar *chars = (*env)->GetStringChars(env, s, NULL);
    jchar out[256];
    for (jsize i = 0; i < n; i++) {
        jchar c = chars[n - 1 - i];
        if (c >= 0xDC00 && c <= 0xDFFF && i + 1 < n) {
            out[i] = chars[n - 2 - i];
            out[i + 1] = c;
            i++;
        } else {
            out[i] = c;
        }
    }
    (*env)->ReleaseStringChars(env, s, chars);
    jchar region[3];
    (*env)->GetStringRegion(env, s, 1, 3, region);
    jstring reversed = (*env)->NewString(env, out, n);
    jstring head = (*env)->NewString(env, region, 3);
    jclass string = (*env)->GetObjectClass(env, reversed);
    jmethodID concat = (*env)->GetMethodID(env, string, "concat", "(Ljava/lang/String;)Ljava/lang/String;");
    jstring sep = (*env)->NewStringUTF(env, " | region ");
    return (*env)->CallObjectMethod(env, (*env)->CallObjectMethod(env, reversed, concat, sep), concat, head);
}

// The modified UTF-8 JNI hands out: NUL as C0 80, a supplementary character as two 3-byte surrogates.
JNIEXPORT jstring JNICALL Java_Main_utfBytes(JNIEnv *env, jclass cls, jstring s) {
    const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
    char buffer[256] = "utf";
    for (const unsigned char *p = (const unsigned char *)utf; *p; p++)
        snprintf(buffer + strlen(buffer), sizeof buffer - strlen(buffer), " %02x", *p);
    (*env)->ReleaseStringUTFChars(env, s, utf);
    char region[32];
    (*env)->GetStringUTFRegion(env, s, 2, 2, region);
    snprintf(buffer + strlen(buffer), sizeof buffer - strlen(buffer), " region %zu bytes", strlen(region));
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jint JNICALL Java_Main_sum(JNIEnv *env, jclass cls, jintArray values) {
    jsize n = (*env)->GetArrayLength(env, values);
    jint *elements = (*env)->GetIntArrayElements(env, values, NULL);
    jint total = 0;
    for (jsize i = 0; i < n; i++) total += elements[i];
    if (n > 0) elements[0] = 99; // JNI_ABORT: whether this sticks depends on copying, so it is not observed
    (*env)->ReleaseIntArrayElements(env, values, elements, JNI_ABORT);
    return total;
}

JNIEXPORT jdoubleArray JNICALL Java_Main_scale(JNIEnv *env, jclass cls, jdoubleArray values, jdouble k) {
    jsize n = (*env)->GetArrayLength(env, values);
    jdouble buffer[16];
    (*env)->GetDoubleArrayRegion(env, values, 0, n, buffer);
    for (jsize i = 0; i < n; i++) buffer[i] *= k;
    jdoubleArray result = (*env)->NewDoubleArray(env, n);
    (*env)->SetDoubleArrayRegion(env, result, 0, n, buffer);
    return result;
}

JNIEXPORT void JNICALL Java_Main_fill(JNIEnv *env, jclass cls, jbyteArray bytes, jbyte value, jint from, jint count) {
    jbyte buffer[64];
    memset(buffer, value, sizeof buffer);
    (*env)->SetByteArrayRegion(env, bytes, from, count, buffer); // throws ArrayIndexOutOfBoundsException past the end
}

JNIEXPORT jobjectArray JNICALL Java_Main_words(JNIEnv *env, jclass cls, jstring a, jstring b, jstring c) {
    jclass string = (*env)->FindClass(env, "java/lang/String");
    jobjectArray array = (*env)->NewObjectArray(env, 4, string, (*env)->NewStringUTF(env, "init"));
    (*env)->SetObjectArrayElement(env, array, 0, c);
    (*env)->SetObjectArrayElement(env, array, 1, b);
    (*env)->SetObjectArrayElement(env, array, 2, a);
    jobject first = (*env)->GetObjectArrayElement(env, array, 0);
    jstring upper = (*env)->CallObjectMethod(env, first, (*env)->GetMethodID(env, string, "toUpperCase", "()Ljava/lang/String;"));
    (*env)->SetObjectArrayElement(env, array, 0, upper);
    return array;
}

JNIEXPORT jlong JNICALL Java_Main_sumLongsCritical(JNIEnv *env, jclass cls, jlongArray values) {
    jsize n = (*env)->GetArrayLength(env, values);
    jlong *elements = (*env)->GetPrimitiveArrayCritical(env, values, NULL);
    jlong total = 0;
    for (jsize i = 0; i < n; i++) total += elements[i];
    (*env)->ReleasePrimitiveArrayCritical(env, values, elements, 0);
    return total;
}

JNIEXPORT void JNICALL Java_Main_fail(JNIEnv *env, jclass cls, jstring message) {
    const char *utf = (*env)->GetStringUTFChars(env, message, NULL);
    jclass kind = (*env)->FindClass(env, strstr(utf, "uncaught") ? "java/lang/IllegalStateException" : "java/lang/IllegalArgumentException");
    (*env)->ThrowNew(env, kind, utf);
    (*env)->ReleaseStringUTFChars(env, message, utf);
}

JNIEXPORT jint JNICALL Java_Main_version(JNIEnv *env, jclass cls) { return (*env)->GetVersion(env); }

JNIEXPORT jstring JNICALL Java_Main_describe(JNIEnv *env, jobject self) {
    jclass cls = (*env)->GetObjectClass(env, self);
    jint count = (*env)->GetIntField(env, self, (*env)->GetFieldID(env, cls, "count", "I"));
    jstring label = (*env)->GetObjectField(env, self, (*env)->GetFieldID(env, cls, "label", "Ljava/lang/String;"));
    jfieldID ratioId = (*env)->GetFieldID(env, cls, "ratio", "D");
    (*env)->SetDoubleField(env, self, ratioId, (*env)->GetDoubleField(env, self, ratioId) * 3);
    const char *utf = (*env)->GetStringUTFChars(env, label, NULL);
    char buffer[128];
    snprintf(buffer, sizeof buffer, "describe: count=%d label=%s ratio=%g", count, utf, (*env)->GetDoubleField(env, self, ratioId));
    (*env)->ReleaseStringUTFChars(env, label, utf);
    (*env)->SetIntField(env, self, (*env)->GetFieldID(env, cls, "count", "I"), count + 1);
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jint JNICALL Java_Main_callBack(JNIEnv *env, jclass cls, jobject m, jint x) {
    jmethodID twice = (*env)->GetMethodID(env, cls, "twiceCount", "(I)I");
    return (*env)->CallIntMethod(env, m, twice, x) * 1000 + (*env)->CallNonvirtualIntMethod(env, m, cls, twice, x);
}

static jdouble call_double_v(JNIEnv *env, jclass cls, jmethodID id, ...) {
    va_list args;
    va_start(args, id);
    jdouble result = (*env)->CallStaticDoubleMethodV(env, cls, id, args);
    va_end(args);
    return result;
}

JNIEXPORT jstring JNICALL Java_Main_callAll(JNIEnv *env, jclass cls, jobject m) {
    char buffer[512];
    jmethodID format = (*env)->GetStaticMethodID(env, cls, "format", "(IJDFLjava/lang/String;ZCBS)Ljava/lang/String;");
    jstring text = (*env)->CallStaticObjectMethod(env, cls, format, -7, (jlong)1 << 50, 2.75, (jfloat)0.5f,
                                                  (*env)->NewStringUTF(env, "str"), JNI_TRUE, (jchar)'Z', (jbyte)-8, (jshort)-9);
    jvalue values[9];
    values[0].i = 1; values[1].j = 2; values[2].d = 3.5; values[3].f = 4.5f; values[4].l = NULL;
    values[5].z = JNI_FALSE; values[6].c = 'a'; values[7].b = 127; values[8].s = 32767;
    jstring textA = (*env)->CallStaticObjectMethodA(env, cls, format, values);
    jmethodID sumTen = (*env)->GetStaticMethodID(env, cls, "sumTen", "(DDDDDDDDDD)D");
    jdouble ten = (*env)->CallStaticDoubleMethod(env, cls, sumTen, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    jdouble tenV = call_double_v(env, cls, sumTen, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 100.0);
    jmethodID sumInts = (*env)->GetStaticMethodID(env, cls, "sumInts", "(IIIIIIII)J");
    jlong ints = (*env)->CallStaticLongMethod(env, cls, sumInts, 100000, 100000, 1, 2, 3, 4, 5, 6);
    jmethodID who = (*env)->GetMethodID(env, cls, "who", "()Ljava/lang/String;");
    jstring whoVirtual = (*env)->CallObjectMethod(env, m, who);
    jstring whoSuper = (*env)->CallNonvirtualObjectMethod(env, m, cls, who);
    jmethodID third = (*env)->GetMethodID(env, cls, "third", "(F)F");
    jfloat f = (*env)->CallFloatMethod(env, m, third, (jfloat)1.5f);
    jfieldID statik = (*env)->GetStaticFieldID(env, cls, "statik", "I");
    (*env)->SetStaticIntField(env, cls, statik, (*env)->GetStaticIntField(env, cls, statik) * 6);
    (*env)->SetStaticObjectField(env, cls, (*env)->GetStaticFieldID(env, cls, "statikName", "Ljava/lang/String;"),
                                 (*env)->NewStringUTF(env, "set from C"));
    const char *a = (*env)->GetStringUTFChars(env, text, NULL);
    const char *b = (*env)->GetStringUTFChars(env, textA, NULL);
    const char *c = (*env)->GetStringUTFChars(env, whoVirtual, NULL);
    const char *d = (*env)->GetStringUTFChars(env, whoSuper, NULL);
    snprintf(buffer, sizeof buffer, "callAll:\n  %s\n  %s\n  ten=%g tenV=%g ints=%lld who=%s/%s third=%g", a, b, ten, tenV,
             (long long)ints, c, d, f);
    (*env)->ReleaseStringUTFChars(env, text, a);
    (*env)->ReleaseStringUTFChars(env, textA, b);
    (*env)->ReleaseStringUTFChars(env, whoVirtual, c);
    (*env)->ReleaseStringUTFChars(env, whoSuper, d);
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jobject JNICALL Java_Main_make(JNIEnv *env, jclass cls, jstring text, jint number) {
    jclass pair = (*env)->FindClass(env, "Main$Pair");
    jmethodID init = (*env)->GetMethodID(env, pair, "<init>", "(Ljava/lang/String;I)V");
    jobject first = (*env)->NewObject(env, pair, init, text, number);
    jvalue args[2];
    args[0].l = (*env)->NewStringUTF(env, "second");
    args[1].i = number * 2;
    jobject second = (*env)->NewObjectA(env, pair, init, args);
    jclass list = (*env)->FindClass(env, "java/util/List");
    jmethodID of = (*env)->GetStaticMethodID(env, list, "of", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/util/List;");
    return (*env)->CallStaticObjectMethod(env, list, of, first, second);
}

JNIEXPORT jobject JNICALL Java_Main_buildList(JNIEnv *env, jclass cls, jint n) {
    jclass arrayList = (*env)->FindClass(env, "java/util/ArrayList");
    jobject list = (*env)->NewObject(env, arrayList, (*env)->GetMethodID(env, arrayList, "<init>", "()V"));
    jmethodID add = (*env)->GetMethodID(env, arrayList, "add", "(Ljava/lang/Object;)Z");
    for (jint i = 0; i < n; i++) {
        if ((*env)->PushLocalFrame(env, 4) != 0) return NULL;
        char item[16];
        snprintf(item, sizeof item, "item%d", i);
        jboolean added = (*env)->CallBooleanMethod(env, list, add, (*env)->NewStringUTF(env, item));
        if (!added) return NULL;
        (*env)->PopLocalFrame(env, NULL);
    }
    jclass superclass = (*env)->GetSuperclass(env, arrayList);
    jclass collection = (*env)->FindClass(env, "java/util/Collection");
    if (!(*env)->IsAssignableFrom(env, arrayList, collection) || (*env)->IsAssignableFrom(env, collection, arrayList) ||
        !(*env)->IsInstanceOf(env, list, superclass) || (*env)->GetSuperclass(env, collection) != NULL)
        return NULL;
    return list;
}

JNIEXPORT jstring JNICALL Java_Main_catchInC(JNIEnv *env, jclass cls) {
    jmethodID boom = (*env)->GetStaticMethodID(env, cls, "boom", "(Ljava/lang/String;)V");
    (*env)->CallStaticVoidMethod(env, cls, boom, (*env)->NewStringUTF(env, "caught"));
    if (!(*env)->ExceptionCheck(env)) return (*env)->NewStringUTF(env, "no exception?");
    jthrowable e = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    jstring message = (*env)->CallObjectMethod(env, e, (*env)->GetMethodID(env, (*env)->GetObjectClass(env, e), "getMessage", "()Ljava/lang/String;"));
    const char *utf = (*env)->GetStringUTFChars(env, message, NULL);
    char buffer[160];
    jboolean pending = (*env)->ExceptionCheck(env);
    jmethodID nope = (*env)->GetMethodID(env, cls, "nope", "()V");
    jthrowable methodError = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    jclass nsme = (*env)->FindClass(env, "java/lang/NoSuchMethodError");
    snprintf(buffer, sizeof buffer, "catchInC saw \"%s\", pending after clear: %d; bad method %d %d", utf, pending,
             nope == NULL, (*env)->IsInstanceOf(env, methodError, nsme));
    jfieldID nofield = (*env)->GetFieldID(env, cls, "nofield", "I");
    jboolean fieldError = (*env)->ExceptionCheck(env);
    (*env)->ExceptionClear(env);
    jclass noclass = (*env)->FindClass(env, "no/such/Class");
    jboolean classError = (*env)->ExceptionCheck(env);
    (*env)->ExceptionClear(env);
    (*env)->ReleaseStringUTFChars(env, message, utf);
    snprintf(buffer + strlen(buffer), sizeof buffer - strlen(buffer), " field %d/%d class %d/%d", nofield == NULL, fieldError, noclass == NULL, classError);
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT void JNICALL Java_Main_rethrowFromC(JNIEnv *env, jclass cls) {
    jmethodID boom = (*env)->GetStaticMethodID(env, cls, "boom", "(Ljava/lang/String;)V");
    (*env)->CallStaticVoidMethod(env, cls, boom, (*env)->NewStringUTF(env, "left pending"));
    // returning with the exception pending throws it in the caller
}

JNIEXPORT void JNICALL Java_Main_keep(JNIEnv *env, jclass cls, jobject o) {
    kept_ref = (*env)->NewGlobalRef(env, o);
    jweak weak = (*env)->NewWeakGlobalRef(env, o);
    if ((*env)->GetObjectRefType(env, kept_ref) != JNIGlobalRefType || (*env)->GetObjectRefType(env, weak) != JNIWeakGlobalRefType ||
        (*env)->GetObjectRefType(env, o) != JNILocalRefType || !(*env)->IsSameObject(env, weak, o))
        (*env)->FatalError(env, "reference kinds");
    (*env)->DeleteWeakGlobalRef(env, weak);
}

JNIEXPORT jobject JNICALL Java_Main_kept(JNIEnv *env, jclass cls) {
    if (kept_ref == NULL) return NULL;
    jclass sb = (*env)->FindClass(env, "java/lang/StringBuilder");
    jobject local = (*env)->NewLocalRef(env, kept_ref);
    return (*env)->CallObjectMethod(env, local, (*env)->GetMethodID(env, sb, "toString", "()Ljava/lang/String;"));
}

JNIEXPORT void JNICALL Java_Main_forget(JNIEnv *env, jclass cls) {
    (*env)->DeleteGlobalRef(env, kept_ref);
    kept_ref = NULL;
}

JNIEXPORT jint JNICALL Java_Main_lockAndCount(JNIEnv *env, jclass cls, jobject lock, jint n) {
    if ((*env)->MonitorEnter(env, lock) != 0) return -1;
    for (jint i = 0; i < n; i++) {
        int seen = counter;
        if (i % 100 == 0) sched_yield();
        counter = seen + 1;
    }
    jint result = counter;
    (*env)->MonitorExit(env, lock);
    return result;
}

JNIEXPORT jobject JNICALL Java_Main_wrapNative(JNIEnv *env, jclass cls, jint capacity) {
    direct_memory[0] = 1;
    return (*env)->NewDirectByteBuffer(env, direct_memory, capacity);
}

JNIEXPORT jlong JNICALL Java_Main_capacityOf(JNIEnv *env, jclass cls, jobject buffer) {
    void *address = (*env)->GetDirectBufferAddress(env, buffer);
    jlong capacity = (*env)->GetDirectBufferCapacity(env, buffer);
    if (address == direct_memory && direct_memory[0] != 42) return -100; // Java's put went elsewhere
    return address == NULL ? -capacity - 10 : capacity;
}

struct thread_result {
    char text[256];
};

static void *native_thread(void *arg) {
    struct thread_result *result = arg;
    JNIEnv *env;
    JavaVMAttachArgs attach = {JNI_VERSION_1_8, "native-worker", NULL};
    if ((*the_vm)->GetEnv(the_vm, (void **)&env, JNI_VERSION_1_8) != JNI_EDETACHED) {
        snprintf(result->text, sizeof result->text, "GetEnv on a new thread did not say detached");
        return NULL;
    }
    if ((*the_vm)->AttachCurrentThreadAsDaemon(the_vm, (void **)&env, &attach) != JNI_OK) {
        snprintf(result->text, sizeof result->text, "attach failed");
        return NULL;
    }
    jclass main = (*env)->FindClass(env, "Main");
    jmethodID on = (*env)->GetStaticMethodID(env, main, "onNativeThread", "()Ljava/lang/String;");
    jstring text = (*env)->CallStaticObjectMethod(env, main, on);
    const char *utf = (*env)->GetStringUTFChars(env, text, NULL);
    snprintf(result->text, sizeof result->text, "native thread: %s", utf);
    (*env)->ReleaseStringUTFChars(env, text, utf);
    (*the_vm)->DetachCurrentThread(the_vm);
    return NULL;
}

JNIEXPORT jstring JNICALL Java_Main_fromNativeThread(JNIEnv *env, jclass cls) {
    struct thread_result result = {"not run"};
    pthread_t thread;
    JavaVM *vm;
    (*env)->GetJavaVM(env, &vm);
    if (vm != the_vm) return (*env)->NewStringUTF(env, "GetJavaVM differs");
    pthread_create(&thread, NULL, native_thread, &result);
    pthread_join(thread, NULL);
    return (*env)->NewStringUTF(env, result.text);
}

JNIEXPORT jstring JNICALL Java_Main_classes(JNIEnv *env, jclass cls) {
    jclass object = (*env)->FindClass(env, "java/lang/Object");
    jclass intArray = (*env)->FindClass(env, "[I");
    jobject instance = (*env)->AllocObject(env, cls);
    jint count = (*env)->GetIntField(env, instance, (*env)->GetFieldID(env, cls, "count", "I"));
    jmethodID who = (*env)->GetMethodID(env, cls, "who", "()Ljava/lang/String;");
    jobject reflected = (*env)->ToReflectedMethod(env, cls, who, JNI_FALSE);
    jmethodID back = (*env)->FromReflectedMethod(env, reflected);
    jstring name = (*env)->CallObjectMethod(env, reflected, (*env)->GetMethodID(env, (*env)->GetObjectClass(env, reflected), "getName", "()Ljava/lang/String;"));
    const char *utf = (*env)->GetStringUTFChars(env, name, NULL);
    char buffer[256];
    snprintf(buffer, sizeof buffer, "classes: Object super null %d, int[] is Object %d, AllocObject count %d, reflected %s same id %d, module %d",
             (*env)->GetSuperclass(env, object) == NULL, (*env)->IsAssignableFrom(env, intArray, object), count, utf,
             back == who, (*env)->GetModule(env, cls) != NULL);
    (*env)->ReleaseStringUTFChars(env, name, utf);
    return (*env)->NewStringUTF(env, buffer);
}

JNIEXPORT jstring JNICALL Java_Main_edgeCases(JNIEnv *env, jclass cls, jobject m, jintArray values) {
    jmethodID sum18 = (*env)->GetStaticMethodID(env, cls, "sum18", "(IIIIIIIIIIIIIIIIII)J");
    jlong many = (*env)->CallStaticLongMethod(env, cls, sum18, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
    jint *elements = (*env)->GetIntArrayElements(env, values, NULL);
    elements[0] = 42;
    (*env)->ReleaseIntArrayElements(env, values, elements, JNI_ABORT);
    (*env)->SetBooleanField(env, m, (*env)->GetFieldID(env, cls, "flag", "Z"), 2);
    jclass derived = (*env)->FindClass(env, "Main$Derived");
    jobject d = (*env)->AllocObject(env, derived);
    jfieldID x = (*env)->GetFieldID(env, derived, "x", "I");
    jint inherited = x == NULL ? -1 : (*env)->GetIntField(env, d, x);
    (*env)->ExceptionClear(env);
    for (int i = 0; i < 100000; i++) {
        jobject local = (*env)->NewLocalRef(env, m);
        (*env)->DeleteLocalRef(env, local);
    }
    char buffer[128];
    snprintf(buffer, sizeof buffer, "edgeCases: sum18 %lld, instance x through a hiding static %d", (long long)many, inherited);
    return (*env)->NewStringUTF(env, buffer);
}
