#include <fcntl.h>
#include <unistd.h>
int main(void) { int fd = open("x", O_RDONLY); char b[4]; if (fd >= 0) { read(fd, b, 4); close(fd); } return 0; }
