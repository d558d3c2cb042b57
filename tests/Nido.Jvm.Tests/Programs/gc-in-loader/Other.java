public class Other { public static int X = 42; }
