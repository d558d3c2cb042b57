public interface Api {
    int take(Shared s);
}
