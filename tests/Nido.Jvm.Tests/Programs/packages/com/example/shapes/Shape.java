package com.example.shapes;

public abstract class Shape {
    protected final String label;

    protected Shape(String label) {
        this.label = label;
        Shapes.count++; // package-private static field of another class in the same package
    }

    public abstract double area();

    protected String describeProtected() { return "protected method of " + label; }

    public String describe() { return label + " area " + String.format("%.3f", area()); }
}
