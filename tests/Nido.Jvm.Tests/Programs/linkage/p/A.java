package p;
public class A { String m() { return "A.m"; } }
