package com.example.shapes;

// Package-private: only Shapes can create it.
class Square extends Shape {
    final double side;

    Square(double side) {
        super("square");
        this.side = side;
    }

    @Override
    public double area() { return side * side; }
}
