package com.example.shapes;

public class Circle extends Shape {
    private final double r;

    public Circle(double r) {
        super("circle");
        this.r = r;
    }

    @Override
    public double area() { return Math.PI * r * r; }
}
